package cn.datian.noticeflow.process;

import java.nio.charset.Charset;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.impl.variable.serializer.VariableSerializers;
import org.camunda.bpm.engine.variable.value.ObjectValue;
import org.camunda.spin.plugin.impl.SpinObjectValueSerializer;
import org.camunda.spin.spi.DataFormat;
import org.springframework.stereotype.Component;

/**
 * Only known types become objects. application.yaml turns Camunda's deserialization type validation
 * on (the project's own types, the JDK's plain collections and dates); the engine then refuses to
 * <em>read</em> an object variable of any other type. A variable written through the REST API in
 * serialized form ({@code objectTypeName: java.io.File}) would still be stored, and break every
 * later read of its process: this plugin refuses it when written, by trying to read it back with
 * the same validation before it is stored.
 */
@Component
public class ObjectVariableTypes extends AbstractProcessEnginePlugin {

  /** After every plugin's postInit: Spin adds its serializers in its own. */
  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    ProcessEngineConfigurationImpl configuration =
        (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    VariableSerializers serializers = configuration.getVariableSerializers();
    int replaced = 0;
    for (TypedValueSerializer<?> serializer : List.copyOf(serializers.getSerializers())) {
      if (serializer.getClass() == SpinObjectValueSerializer.class) {
        SpinObjectValueSerializer spin = (SpinObjectValueSerializer) serializer;
        int index = serializers.getSerializerIndex(spin);
        serializers.removeSerializer(spin);
        serializers.addSerializer(new CheckedOnWrite(spin.getName(), dataFormatOf(spin)), index);
        replaced++;
      }
    }
    if (replaced == 0) {
      throw new IllegalStateException(
          "No Spin object serializer found to check object types on write");
    }
  }

  private static DataFormat<?> dataFormatOf(SpinObjectValueSerializer spin) {
    try {
      java.lang.reflect.Field field =
          SpinObjectValueSerializer.class.getDeclaredField("dataFormat");
      field.setAccessible(true);
      return (DataFormat<?>) field.get(spin);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("Spin's object serializer has changed", e);
    }
  }

  /** Spin's object serializer that also validates a serialized value's type as it is written. */
  static class CheckedOnWrite extends SpinObjectValueSerializer {

    CheckedOnWrite(String name, DataFormat<?> format) {
      super(name, format);
    }

    @Override
    public void writeValue(ObjectValue value, ValueFields valueFields) {
      ProcessEngineConfigurationImpl engine = Context.getProcessEngineConfiguration();
      if (!value.isDeserialized()
          && value.getValueSerialized() != null
          && engine != null
          && engine.isDeserializationTypeValidationEnabled()) {
        String type = value.getObjectTypeName();
        try {
          Charset charset = engine.getDefaultCharset();
          deserializeFromByteArray(value.getValueSerialized().getBytes(charset), type);
        } catch (Exception e) {
          throw new BadUserRequestException(
              "不接受的对象类型，只接受本系统的数据类型和常用集合、日期 (object type not allowed: " + type + ")");
        }
      }
      super.writeValue(value, valueFields);
    }
  }
}
